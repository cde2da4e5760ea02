/**
 * `normalize <input> <output.png>`: converts an image to the 8-bit PNG that would be annotated.
 * 16-bit inputs (.C01, 16-bit PNG/TIFF) are normalized by the dataset rule; 8-bit inputs are
 * written unchanged (same pixels, re-encoded).
 */
import { encodePng } from '../core/formats/png';
import { prepareImage } from '../core/intake';
import { UsageError, type CliCommand } from './command';
import { readInput, writeOutput } from './files';

export const normalizeCommand: CliCommand = {
  args: '<input.C01|input.png|input.tif|input.jpg> <output.png>',
  summary: 'write the image as an 8-bit PNG; 16-bit data normalized by the dataset rule (0.1 / 99.9 percentile window)',
  async run(args, io) {
    if (args.length !== 2) throw new UsageError(`normalize needs 2 arguments, got ${args.length}`);
    const [input, output] = args;
    const image = prepareImage(input, await readInput(io, input));
    await writeOutput(io, output, encodePng(image.display));
    const window = image.normalization ? `, window ${image.normalization.low} .. ${image.normalization.high}` : ', 8-bit input kept as is';
    io.stdout(`${output}: ${image.width} x ${image.height}${window}`);
    return 0;
  },
};
