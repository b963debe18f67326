/** The portal's table look: a caption, header cells with scope, numbers right-aligned. */
export const TABLE = "mt-3 w-full border-collapse text-left text-sm";
export const CAPTION = "mb-2 text-left font-semibold";
export const TH = "border-b-2 border-gray-700 px-2 py-2 font-semibold";
export const TD = "border-b border-gray-300 px-2 py-2";
export const NUM = "border-b border-gray-300 px-2 py-2 text-right tabular-nums";
export const NUM_TH = "border-b-2 border-gray-700 px-2 py-2 text-right font-semibold";
