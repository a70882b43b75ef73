/**
 * The editor's document as the body schema wants it. ProseMirror writes every attribute a node
 * type declares, null or not; the schema's objects are strict and an embed is either a video
 * { provider, id, title } or an audio { provider, src, title }, so empty attributes are dropped.
 */

export interface JsonNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: JsonNode[];
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  text?: string;
}

/** Node and mark types whose null or empty-string attributes mean "not set" and are left out. */
const SPARSE_ATTRS = new Set(['embed', 'image', 'quote', 'orderedList', 'link']);

/** A copy of the document with unset attributes left out, as the server's body schema expects. */
export function toBodyJson(node: JsonNode): JsonNode {
  const out: JsonNode = { type: node.type };
  if (node.attrs) {
    const attrs = SPARSE_ATTRS.has(node.type) ? withoutUnset(node.attrs) : node.attrs;
    if (Object.keys(attrs).length > 0) out.attrs = attrs;
  }
  if (node.content) out.content = node.content.map(toBodyJson);
  // ProseMirror leaves `content` out of an empty node; the schema wants an empty body as content: [].
  else if (node.type === 'doc') out.content = [];
  if (node.text !== undefined) out.text = node.text;
  if (node.marks?.length) {
    out.marks = node.marks.map((mark) => {
      if (!mark.attrs) return { type: mark.type };
      const attrs = SPARSE_ATTRS.has(mark.type) ? withoutUnset(mark.attrs) : mark.attrs;
      return Object.keys(attrs).length > 0 ? { type: mark.type, attrs } : { type: mark.type };
    });
  }
  return out;
}

function withoutUnset(attrs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attrs).filter(([, value]) => value !== null && value !== undefined && value !== ''));
}
