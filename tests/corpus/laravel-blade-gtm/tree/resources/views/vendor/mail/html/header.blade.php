<tr>
<td class="header">
<a href="{{ $url }}" style="display: inline-block;"><img src="https://example.org/logo.png" class="logo"></a>
</td>
</tr>
