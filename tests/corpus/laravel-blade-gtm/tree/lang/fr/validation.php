<?php
return ['required' => 'Le champ :attribute est obligatoire.'];
