// The part of upstream fontkit 2.x that src/forms uses. The package ships no types, and @types/fontkit
// would describe far more than this adapter relies on; keeping it small keeps the surface reviewed.
declare module "fontkit" {
  export interface FontkitGlyph {
    id: number;
    codePoints: number[];
    advanceWidth: number;
  }

  export interface FontkitSubset {
    includeGlyph(glyph: number | FontkitGlyph): number;
    encode(): Uint8Array;
  }

  export interface UvsRange {
    startUnicodeValue: number;
    additionalCount: number;
  }

  export interface UvsMapping {
    unicodeValue: number;
    glyphID: number;
  }

  export interface VariationSelectorRecord {
    varSelector: number;
    defaultUVS: UvsRange[] | null;
    nonDefaultUVS: UvsMapping[] | null;
  }

  export interface CmapProcessor {
    /** The cmap format 14 subtable (Unicode Variation Sequences), or null when the font has none. */
    uvs: { varSelectors: { toArray(): VariationSelectorRecord[] } } | null;
    getVariationSelector(codePoint: number, variationSelector: number): number;
  }

  export interface FontkitFont {
    postscriptName: string | null;
    unitsPerEm: number;
    numGlyphs: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): FontkitGlyph;
    glyphsForString(text: string): FontkitGlyph[];
    layout(text: string): { glyphs: FontkitGlyph[] };
    createSubset(): FontkitSubset;
    _cmapProcessor: CmapProcessor;
  }

  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}
