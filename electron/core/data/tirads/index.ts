export { findLabels, euCategories, maxEuCategory } from "./findLabels";
export { buildMatchView } from "./matchView";
