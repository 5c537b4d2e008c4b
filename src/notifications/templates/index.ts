export { escapeHtml, renderTemplate, resolveLanguage, sampleTemplateData } from "./render";
