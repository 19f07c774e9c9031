/**
 * One small stylesheet for the Japanese font, made at start from @fontsource/noto-sans-jp's CSS for
 * the weights the pages use. The package already splits the font by unicode-range (about 120 woff2
 * slices per weight): a browser downloads only the slices holding characters a page shows, so the
 * stylesheet keeps every @font-face and drops only what a browser does not need — comments,
 * whitespace, the woff fallback (every supported browser reads woff2) and `font-style: normal` (the
 * default). `filePrefix` goes before each file's path ("5.3.0/" names the package's version in the
 * URL, so the slices, whose own names do not change between versions, can be cached for good).
 */
export function minimalFontCss(stylesheets: readonly string[], filePrefix = ""): string {
  const sheets: string[][] = [];
  for (const css of stylesheets) {
    const faces: string[] = [];
    sheets.push(faces);
    const text = css.replace(/\/\*[\s\S]*?\*\//g, "");
    for (const block of text.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
      const declarations = new Map<string, string>();
      for (const declaration of (block[1] ?? "").split(";")) {
        const colon = declaration.indexOf(":");
        if (colon < 0) continue;
        const name = declaration.slice(0, colon).trim().toLowerCase();
        const value = declaration.slice(colon + 1).trim();
        if (name && value) declarations.set(name, value);
      }
      const woff2 = /url\((?:\.\/)?([^)'"]+\.woff2)\)/.exec(declarations.get("src") ?? "")?.[1];
      if (!woff2) throw new Error("a @font-face of the font stylesheet has no woff2 file");
      declarations.set("src", `url(${filePrefix}${woff2}) format("woff2")`);
      if (declarations.get("font-style") === "normal") declarations.delete("font-style");
      const family = declarations.get("font-family");
      if (family) declarations.set("font-family", family.replace(/'/g, '"'));
      const body = [...declarations].map(([name, value]) => `${name}:${value.replace(/\s*,\s*/g, ",")}`);
      faces.push(`@font-face{${body.join(";")}}`);
    }
  }
  // Interleaved (slice 0 of each weight, then slice 1, …): the weights share their unicode-ranges, so
  // each range repeats within gzip's 32 KB window and costs almost nothing the second time. Within
  // one weight the order stays the package's.
  const interleaved: string[] = [];
  const longest = Math.max(0, ...sheets.map((faces) => faces.length));
  for (let i = 0; i < longest; i++)
    for (const faces of sheets) {
      const face = faces[i];
      if (face) interleaved.push(face);
    }
  return `${interleaved.join("\n")}\n`;
}
