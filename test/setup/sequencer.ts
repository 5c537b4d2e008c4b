import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The Node project's files first (they mostly wait on the spec linters they spawn), then each workers
 * project's files together: a runtime serves the next file only when it is its own
 * project's, so interleaved projects would each start their runtime again.
 */
const ORDER = ["node", "stripe", "workers"];

export class ProjectsInOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => ORDER.indexOf(spec.project.name);
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
