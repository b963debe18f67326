const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text → HTML text or attribute value. Every value a template interpolates goes through here,
 * translations included: a translator may write "&" or "<", and a tenant's name is operator input.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/**
 * A colour written into a style attribute. The tenant schema already allows only #rrggbb; checking
 * again here keeps the template safe on its own, and failing loudly beats sending a broken mail.
 */
export function cssHexColour(value: string): string {
  if (!HEX_COLOUR.test(value)) throw new TypeError(`not a #rrggbb colour: ${JSON.stringify(value)}`);
  return value;
}
