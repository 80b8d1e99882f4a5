export { splitDescription } from "./splitDescription";
export { lobeOf, thirdOf } from "./location";
