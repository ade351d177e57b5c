// The API version reported by /health and /openapi.json (kept apart from app.ts so routes need not import it).
export const API_VERSION_TEXT = '0.1.0';
