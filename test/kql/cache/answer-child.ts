/** Run by remote-compile.test.ts: answers one compile request on stdin, as the snapshot does. */
import { answerCompileRequest } from '../../../src/cli/compile-child.ts';

answerCompileRequest();
