<!doctype html>
<html lang="fr">
<head>
    <meta charset="utf-8"/>
    <title><g:layoutTitle default="Aides sociales"/></title>
    <g:if test="${grailsApplication.config.analytics.enabled}">
    <script async src="https://www.googletagmanager.com/gtag/js?id=${grailsApplication.config.analytics.id}"></script>
    <script>
        window.dataLayer = window.dataLayer || [];
        function gtag(){dataLayer.push(arguments);}
        gtag('js', new Date());
        gtag('config', '${grailsApplication.config.analytics.id}', { anonymize_ip: true });
    </g:if>
    <g:layoutHead/>
</head>
<body>
    <a href="${createLink(uri: '/')}"><asset:image src="logo.png"/></a>
    <g:layoutBody/>
</body>
</html>
