// Runs the README's "Testing your handler" example, examples/testing.test.ts, as part of npm test.
import '../../examples/testing.test.js';
