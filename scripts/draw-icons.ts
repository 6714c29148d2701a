/**
 * `npm run icons`: redraws manifest/color.png (192×192) and manifest/outline.png (32×32) from
 * src/teams-package/icon-art.ts. The PNGs are committed; a test checks they are what this draws,
 * so change the art there and rerun this rather than editing the images.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLOR_SIZE, OUTLINE_SIZE, drawColorIcon, drawOutlineIcon } from '../src/teams-package/icon-art';
import { encodePng } from '../src/teams-package/png-encode';

const dir = join(__dirname, '..', 'manifest');
writeFileSync(join(dir, 'color.png'), encodePng(COLOR_SIZE, COLOR_SIZE, drawColorIcon()));
writeFileSync(join(dir, 'outline.png'), encodePng(OUTLINE_SIZE, OUTLINE_SIZE, drawOutlineIcon()));
process.stdout.write(`wrote ${join('manifest', 'color.png')} and ${join('manifest', 'outline.png')}\n`);
