import { parseBody } from '../articles/body/body-schema.ts';
import type { BlockNode, DocNode } from './body-dsl.ts';

/**
 * Turns a demo body into the stored JSON: figures drawn by the seeder get their image id, the
 * seeder's own hints are removed, and the result must pass the same validation as the editor's.
 */
export function finalBody(body: DocNode, figureImageId: (seed: string) => number): string {
  const content = body.content.map((node: BlockNode): BlockNode => {
    if (node.type !== 'image' || !node.demoFigure) return node;
    return { type: 'image', attrs: { ...node.attrs, imageId: figureImageId(node.demoFigure.seed) } };
  });
  return JSON.stringify(parseBody({ type: 'doc', content }));
}
