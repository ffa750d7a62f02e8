import type { FastifyReply } from "fastify";
import { escapeHtml } from "./guides/render-guide.js";

export const HTML_MEDIA_TYPE = "text/html";
export const HTML_CONTENT_TYPE = `${HTML_MEDIA_TYPE}; charset=utf-8`;

/**
 * The service's own pages are documents to read, never programs: they may load their stylesheet from this
 * service and nothing else (no script, no frame, no form, no other host).
 */
const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");

/** Sends an HTML page of the service's own, with its security headers. */
export function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply
    .header("content-security-policy", PAGE_CONTENT_SECURITY_POLICY)
    .header("x-content-type-options", "nosniff")
    .type(HTML_CONTENT_TYPE)
    .send(html);
}

/** A redirect, with the short hypertext note linking to its target that RFC 9110 §15.4 expects as content. */
export function redirectWithNote(reply: FastifyReply, status: 302 | 303, location: string): FastifyReply {
  return sendPage(reply.code(status).header("location", location), redirectNote(location));
}

/** The content of a redirect to `location`. */
export const redirectNote = (location: string) =>
  `<!doctype html>\n<html lang="en"><title>See ${escapeHtml(location)}</title>` +
  `<p>See <a href="${escapeHtml(location)}">${escapeHtml(location)}</a>.</p></html>\n`;
