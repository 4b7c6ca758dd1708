<!DOCTYPE html>
<html lang="{{ str_replace('_', '-', app()->getLocale()) }}">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>@yield('title', 'Inscriptions périscolaires')</title>
    @include('googletagmanager::head')
    <script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});
    var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;
    j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);
    })(window,document,'script','dataLayer','GTM-K7Q2ZP4');</script>
</head>
<body>
    {{-- <a href="https://www.facebook.com/villeexemple"><img src="/img/facebook.png"></a> --}}
    @yield('content')
</body>
</html>
