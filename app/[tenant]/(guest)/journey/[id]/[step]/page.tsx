/** /{tenant}/journey/{id}/{step}: one step of a journey at its own address; ../page.tsx renders it. */
export { default, generateMetadata } from "../page";
