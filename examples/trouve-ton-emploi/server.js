// Minimal server of the example service.
const express = require('express');
const app = express();
app.use(express.static('src/templates'));
app.listen(8080);
