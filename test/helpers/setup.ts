// The CLI loads the schema check lazily from the compiled module beside record-file.js; tests run from the
// TypeScript sources, so the check is registered directly.
import { registerRecordChecker } from '../../src/core/record-file.js';
import { checkRecord } from '../../src/core/validate-record.js';

registerRecordChecker(checkRecord);
