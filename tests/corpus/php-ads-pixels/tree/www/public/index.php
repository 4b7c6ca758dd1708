<?php $titre = 'Petites annonces de la commune'; include __DIR__ . '/../inc/header.php'; ?>
<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-9876543210" data-ad-slot="1111"></ins>
<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>
<img src="/img/bandeau.jpg">
</body>
</html>
