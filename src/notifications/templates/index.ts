export { renderTemplate, resolveLanguage, sampleTemplateData } from "./render";
