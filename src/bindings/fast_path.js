// A checksum's pre-image, read in one call so that it crosses into WebAssembly as one string: `prefix` (the secret key or the scheme's literal, chosen by the caller)
// followed by the values of `names` in order. Only own enumerable members that are strings or safe integers
// are read (as the full path reads them); anything else returns undefined and the caller takes
// the full path, which names the problem.
export function joinFieldValues(prefix, obj, names) {
  if (typeof prefix !== "string" || obj === null || typeof obj !== "object" || Array.isArray(obj)) return undefined;
  const parts = [prefix];
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (!Object.prototype.propertyIsEnumerable.call(obj, name)) return undefined;
    const value = obj[name];
    if (typeof value === "string") parts.push(value);
    else if (Number.isSafeInteger(value)) parts.push(String(value));
    else return undefined;
  }
  // join() makes a flat string, which the copy into WebAssembly reads faster than a rope.
  return parts.join("");
}

// A string member of `obj`, or undefined (then the caller takes the full path).
export function stringMember(obj, name) {
  if (obj === null || typeof obj !== "object" || !Object.prototype.propertyIsEnumerable.call(obj, name)) return undefined;
  const value = obj[name];
  return typeof value === "string" ? value : undefined;
}
