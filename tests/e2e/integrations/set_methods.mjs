// gitlab-ci-local 4.75 calls Set.prototype.union, which Node.js has from version 22 only: this
// adds it (with the same result) for older Node.js, loaded with `node --import`.
if (!Set.prototype.union) {
  Set.prototype.union = function union(other) {
    const result = new Set(this);
    for (const item of other) result.add(item);
    return result;
  };
}
