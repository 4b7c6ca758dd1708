<html>
<head><meta name="layout" content="main"/><title><g:message code="accessibilite.titre"/></title></head>
<body>
    <h1><g:message code="accessibilite.titre"/></h1>
    <p><g:message code="accessibilite.engagement"/></p>
    <h2><g:message code="accessibilite.etat"/></h2>
    <p><g:message code="accessibilite.conformite"/></p>
    <h2><g:message code="accessibilite.recours.titre"/></h2>
    <p><g:message code="accessibilite.recours"/></p>
</body>
</html>
