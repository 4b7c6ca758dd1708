@extends('layouts.app')
@section('content')
<h1>{{ __('Inscription') }}</h1>
<form method="POST" action="{{ route('inscription') }}">
    @csrf
    <label>{{ __('Nom de l’enfant') }} <input type="text" name="nom"></label>
    <input type="date" name="naissance" aria-label="{{ __('Date de naissance') }}">
    <input type="text" name="ecole">
    <a href="{{ route('aide') }}" tabindex="3">{{ __('Aide') }}</a>
    <marquee>{{ __('Inscriptions ouvertes jusqu’au 30 juin') }}</marquee>
</form>
@endsection
