/**
 * `normalize <input> <output.png>`: converts an image to the 8-bit PNG that would be annotated.
 * 16-bit inputs (.C01, 16-bit PNG/TIFF) are normalized by the dataset rule; 8-bit inputs are
 * written unchanged (same pixels, re-encoded).
 */
import { encodePng } from '../core/formats/png';
import { prepareImage } from '../core/intake';
import { UsageError, type CliCommand } from './command';

export const normalizeCommand: CliCommand = {
  args: '<input.C01|input.png|input.tif|input.jpg> <output.png>',
  summary: 'write the image as an 8-bit PNG; 16-bit data normalized by the dataset rule (0.1 / 99.9 percentile window)',
  async run(args, io) {
    if (args.length !== 2) throw new UsageError(`normalize needs 2 arguments, got ${args.length}`);
    const [input, output] = args;
    const bytes = await io.readFile(input).catch((error: unknown) => {
      throw new Error(`${input}: cannot read the file (${ioReason(error)})`);
    });
    const image = prepareImage(input, bytes);
    await io.writeFile(output, encodePng(image.display)).catch((error: unknown) => {
      throw new Error(`${output}: cannot write the file (${ioReason(error)})`);
    });
    const window = image.normalization ? `, window ${image.normalization.low} .. ${image.normalization.high}` : ', 8-bit input kept as is';
    io.stdout(`${output}: ${image.width} x ${image.height}${window}`);
    return 0;
  },
};

/** Node's "ENOENT: no such file or directory, open 'x'" without the repeated path. */
function ioReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message.replace(/,\s*\w+\s+'[^']*'$/, '');
}
