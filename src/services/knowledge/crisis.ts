// The crisis detector and messages moved to src/services/safety; the knowledge service keeps these names.
export { CRISIS_LINES, crisisMessage, isCrisis, withoutCrisis } from '../safety/index.js';
