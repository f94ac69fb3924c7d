import { expect, type APIRequestContext } from "@playwright/test";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

// The API reference the app serves (GET /api/openapi.json), used as a contract: an answer the reference does not
// describe (an undeclared status, another media type, a body its schema rejects) fails the spec that got it.

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/** An API client's answer or one the page's own fetch got (Playwright's APIResponse and Response both fit). */
interface Answer {
  url(): string;
  status(): number;
  headers(): Record<string, string>;
  body(): Promise<Buffer>;
  json(): Promise<unknown>;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
}

const DOCUMENT_ID = "openapi.json";

export class ApiReference {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { path: string; pattern: RegExp; params: number }[];

  private constructor(private readonly document: Document) {
    addFormats(this.ajv);
    this.ajv.addSchema(document, DOCUMENT_ID);
    // A literal segment wins over a parameter: /api/credentials/counts before /api/credentials/{id}.
    this.templates = Object.keys(document.paths)
      .map((path) => ({
        path,
        pattern: new RegExp(`^${path.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`),
        params: path.split("{").length - 1,
      }))
      .sort((a, b) => a.params - b.params);
  }

  static async load(client: APIRequestContext): Promise<ApiReference> {
    const response = await client.get("/api/openapi.json");
    expect(response.status(), "the API reference").toBe(200);
    return new ApiReference((await response.json()) as Document);
  }

  /** Fails unless the reference declares this answer: its status for the method and URL, its media type and its body. */
  async expectAnswer(method: string, response: Answer): Promise<void> {
    const { pathname } = new URL(response.url());
    const path = this.templates.find((template) => template.pattern.test(pathname))?.path;
    expect(path, `${pathname} is in the API reference`).toBeDefined();
    const operation = this.document.paths[path!]![method.toLowerCase()];
    expect(operation, `${method} ${path} is in the API reference`).toBeDefined();
    const status = String(response.status());
    // Errors a route does not list are its `default` answer: the one error shape.
    const entry = status in operation!.responses || response.status() < 400 ? status : "default";
    const declared = operation!.responses[entry];
    expect(declared, `${method} ${path} declares ${status}`).toBeDefined();
    const label = `${method} ${path} ${status}`;
    if (!declared!.content) {
      expect(await response.body(), `${label} has no body`).toHaveLength(0);
      return;
    }
    const mediaType = (response.headers()["content-type"] ?? "").split(";")[0]!.trim();
    expect(Object.keys(declared!.content), `${label} answers ${mediaType}`).toContain(mediaType);
    if (mediaType !== "application/json") return;
    const key = schemaPointer(path!, method, entry);
    const validate = this.validators.get(key) ?? this.ajv.compile({ $ref: `${DOCUMENT_ID}#${key}` });
    this.validators.set(key, validate);
    const body: unknown = await response.json();
    expect(validate(body) ? [] : validate.errors, `${label} matches its schema`).toEqual([]);
  }
}

function schemaPointer(path: string, method: string, status: string): string {
  const pointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");
  return `/paths/${pointer(path)}/${method.toLowerCase()}/responses/${status}/content/${pointer("application/json")}/schema`;
}
