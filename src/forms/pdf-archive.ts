import { createHash } from "node:crypto";
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
} from "pdf-lib";
import { srgbIccProfile } from "./srgb-profile";

// What an archive expects of a PDF (ISO 19005-2, PDF/A-2b, as far as pdf-lib reaches): the language,
// a title, XMP metadata matching the document information dictionary, a document ID in the trailer,
// and — when the content allows the claim — the pdfaid mark and an sRGB output intent.

export const pdfProducer = "Madoguchi (pdf-lib)";
export const pdfCreator = "Madoguchi 書かないワンストップ窓口";
export const pdfLanguage = "ja-JP";

export interface ArchiveInfo {
  title: string;
  /** The creation (and modification) date: fixed by the caller so the same input gives the same bytes. */
  created: Date;
  /** 32 hex digits (16 bytes): the trailer's /ID and the XMP document id. */
  documentId: string;
  /**
   * Claim PDF/A-2b: the XMP `pdfaid` mark and the sRGB output intent. Only when every page is ours
   * (no municipality blank PDF, whose content we cannot vouch for) and no character fell back to the
   * font's .notdef glyph, which PDF/A forbids.
   */
  pdfa: boolean;
}

/** 32 hex digits from the SHA-256 of the parts: a document ID that follows from what the file holds. */
export function documentIdOf(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

const westernDate = (iso: string): string => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The title of a bundle: its first form and how many more, with the filing date — never a name or
 * an internal code, since viewers show the title in their window bar and archive lists.
 * 「転入届ほか 17件 — 2026年12月7日」.
 */
export function bundleTitle(formNames: readonly string[], filedOn?: string): string {
  const [first] = formNames;
  const what =
    first === undefined
      ? "申請書・届出書なし"
      : formNames.length === 1
        ? first
        : `${first}ほか ${formNames.length - 1}件`;
  return filedOn ? `${what} — ${westernDate(filedOn)}` : what;
}

/** The title of one application's PDF cut from a bundle: its form name and the filing date. */
export const formTitle = (name: string, filedOn?: string): string =>
  filedOn ? `${name} — ${westernDate(filedOn)}` : name;

const escapeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The date as XMP writes it, in UTC like the info dictionary (pdf-lib writes `D:…Z`). */
const xmpDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");

const uuidOf = (hex: string): string =>
  `uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

/** The XMP packet: every entry equal to its counterpart in the info dictionary, as PDF/A requires. */
export function xmpPacket(info: ArchiveInfo): string {
  const date = xmpDate(info.created);
  const pdfa = info.pdfa
    ? `
      <pdfaid:part>2</pdfaid:part>
      <pdfaid:conformance>B</pdfaid:conformance>`
    : "";
  const pdfaNamespace = info.pdfa ? '\n        xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"' : "";
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about=""
        xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:xmp="http://ns.adobe.com/xap/1.0/"
        xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
        xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"${pdfaNamespace}>
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(info.title)}</rdf:li></rdf:Alt></dc:title>
      <dc:language><rdf:Bag><rdf:li>${pdfLanguage}</rdf:li></rdf:Bag></dc:language>
      <xmp:CreateDate>${date}</xmp:CreateDate>
      <xmp:ModifyDate>${date}</xmp:ModifyDate>
      <xmp:MetadataDate>${date}</xmp:MetadataDate>
      <xmp:CreatorTool>${escapeXml(pdfCreator)}</xmp:CreatorTool>
      <pdf:Producer>${escapeXml(pdfProducer)}</pdf:Producer>
      <xmpMM:DocumentID>${uuidOf(info.documentId)}</xmpMM:DocumentID>
      <xmpMM:InstanceID>${uuidOf(info.documentId)}</xmpMM:InstanceID>${pdfa}
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/**
 * Writes the archive metadata into a document about to be saved: info dictionary (title shown in the
 * window bar), catalog `/Lang`, the XMP stream (uncompressed, as PDF/A wants it readable), the
 * trailer `/ID` and, for a PDF/A claim, the sRGB output intent.
 */
export function applyArchiveInfo(doc: PDFDocument, info: ArchiveInfo): void {
  const { context, catalog } = doc;
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setLanguage(pdfLanguage);
  doc.setProducer(pdfProducer);
  doc.setCreator(pdfCreator);
  doc.setCreationDate(info.created);
  doc.setModificationDate(info.created);
  const xmp = context.stream(new TextEncoder().encode(xmpPacket(info)), {
    Type: "Metadata",
    Subtype: "XML",
  });
  catalog.set(PDFName.of("Metadata"), context.register(xmp));
  const id = PDFHexString.of(info.documentId.toUpperCase());
  context.trailerInfo.ID = context.obj([id, id]);
  if (info.pdfa) {
    const profile = context.register(context.flateStream(srgbIccProfile(), { N: 3 }));
    const intent = context.obj({
      Type: "OutputIntent",
      S: "GTS_PDFA1",
      OutputConditionIdentifier: PDFString.of("sRGB IEC61966-2.1"),
      RegistryName: PDFString.of("http://www.color.org"),
      Info: PDFString.of("sRGB IEC61966-2.1"),
      DestOutputProfile: profile,
    });
    catalog.set(PDFName.of("OutputIntents"), context.obj([intent]));
  }
}

/** What applyArchiveInfo wrote, read back from a saved file (tests, and cutting a bundle). */
export interface ReadArchiveInfo {
  title: string | undefined;
  lang: string | undefined;
  /** The first /ID string of the trailer, hex, lower case. */
  documentId: string | undefined;
  xmp: string | undefined;
  created: Date | undefined;
  /** The XMP claims PDF/A-2b and an output intent is present. */
  pdfa: boolean;
}

export function archiveInfoOf(doc: PDFDocument): ReadArchiveInfo {
  const lang = doc.catalog.lookupMaybe(PDFName.of("Lang"), PDFString, PDFHexString)?.decodeText();
  const ids = doc.context.trailerInfo.ID;
  const first = ids instanceof PDFArray ? ids.get(0) : undefined;
  const documentId =
    first instanceof PDFHexString || first instanceof PDFString
      ? Buffer.from(first.asBytes()).toString("hex")
      : undefined;
  const stream = doc.catalog.lookup(PDFName.of("Metadata"));
  const xmp =
    stream instanceof PDFRawStream
      ? new TextDecoder().decode(decodePDFRawStream(stream).decode())
      : undefined;
  const intents = doc.catalog.lookupMaybe(PDFName.of("OutputIntents"), PDFArray);
  const intent = intents?.lookupMaybe(0, PDFDict);
  return {
    title: doc.getTitle(),
    lang,
    documentId,
    xmp,
    created: doc.getCreationDate(),
    pdfa: Boolean(xmp?.includes("<pdfaid:part>2</pdfaid:part>") && intent),
  };
}

/** Reads a saved PDF's archive metadata. */
export async function readArchiveInfo(pdf: Uint8Array): Promise<ReadArchiveInfo> {
  return archiveInfoOf(await PDFDocument.load(pdf, { updateMetadata: false }));
}

export interface CutOptions {
  /** 1-based, inclusive. */
  firstPage: number;
  lastPage: number;
  title: string;
}

/**
 * One application's PDF cut from the signed bundle: its pages copied into a new document, which then
 * carries one copy of the bundle's font subset (shared by its pages) and the same archive metadata —
 * the bundle's date and PDF/A claim, a document ID derived from the bundle's and the page range.
 * Deterministic: the same bundle and range give the same bytes.
 */
export async function cutPages(bundle: Uint8Array, options: CutOptions): Promise<Uint8Array> {
  const source = await PDFDocument.load(bundle, { updateMetadata: false });
  const count = source.getPageCount();
  if (
    !Number.isInteger(options.firstPage) ||
    !Number.isInteger(options.lastPage) ||
    options.firstPage < 1 ||
    options.lastPage < options.firstPage ||
    options.lastPage > count
  ) {
    throw new RangeError(`pages ${options.firstPage}-${options.lastPage} outside 1-${count}`);
  }
  const from = archiveInfoOf(source);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const indices = Array.from(
    { length: options.lastPage - options.firstPage + 1 },
    (_, i) => options.firstPage - 1 + i,
  );
  for (const page of await doc.copyPages(source, indices)) doc.addPage(page);
  applyArchiveInfo(doc, {
    title: options.title,
    created: from.created ?? new Date(0),
    documentId: documentIdOf(from.documentId ?? "", String(options.firstPage), String(options.lastPage)),
    pdfa: from.pdfa,
  });
  return doc.save({ useObjectStreams: true });
}

/** SHA-256 of bytes, hex: how a stored bundle is checked against the hash taken when it was signed. */
export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
