<%@ page contentType="text/html;charset=UTF-8" %>
<%@ taglib prefix="c" uri="http://java.sun.com/jsp/jstl/core" %>
<%-- <script src="https://static.hotjar.com/c/hotjar-123.js?sv=6"></script> removed after the DPO review --%>
<form action="${pageContext.request.contextPath}/demande" method="post">
    <label for="nir">Numéro de sécurité sociale</label>
    <input type="text" id="nir" name="nir"/>
    <input type="text" name="telephone"/>
    <select name="departement"><c:forEach items="${departements}" var="d"><option>${d}</option></c:forEach></select>
    <button type="submit"><c:out value="${libelle}"/></button>
</form>
