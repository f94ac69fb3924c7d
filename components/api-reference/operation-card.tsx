"use client";

import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, THeadRow, Tr } from "@/components/ui/table";
import type { ApiOperation, JsonSchema } from "@/lib/client/use-api-reference";
import { describeSchema } from "./schema-text";

// One route and method of the API reference: who may call it, what it reads (path, query, body) and what it answers.
// The tables and schemas render only once opened: all of them at once make a page too heavy to read or check.

const METHOD_TONES: Record<string, BadgeTone> = { get: "accent", post: "success", put: "warning", patch: "warning", delete: "danger" };
export const ERRORS_ANCHOR = "error-shape";

interface OperationCardProps {
  method: string;
  path: string;
  operation: ApiOperation;
  isOpen: boolean;
  onToggle: () => void;
}

export function OperationCard({ method, path, operation, isOpen, onToggle }: OperationCardProps) {
  const title = `${method.toUpperCase()} ${path}`;
  const titleId = `${operation.operationId}-title`;
  return (
    <article
      id={operation.operationId}
      aria-labelledby={titleId}
      className="scroll-mt-4 space-y-4 border-t border-zinc-200 pt-6 dark:border-zinc-800"
    >
      <header className="space-y-1">
        <h2 id={titleId} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
          <Badge tone={METHOD_TONES[method] ?? "neutral"}>{method.toUpperCase()}</Badge>
          <code className="break-all">{path}</code>
        </h2>
        {operation.summary ? <p className="text-sm">{operation.summary}</p> : null}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{operation.description}</p>
      </header>
      <Button size="sm" variant="secondary" aria-expanded={isOpen} onClick={onToggle}>
        {isOpen ? "Hide parameters and answers" : "Show parameters and answers"}
      </Button>
      {isOpen ? <OperationDetails title={title} operation={operation} /> : null}
    </article>
  );
}

function OperationDetails({ title, operation }: { title: string; operation: ApiOperation }) {
  return (
    <div className="space-y-4">
      {operation.parameters.length > 0 ? <Parameters title={title} operation={operation} /> : null}
      {operation.requestBody ? (
        <section className="space-y-2">
          <h3 className="font-medium">Body {operation.requestBody.required ? "" : "(optional)"}</h3>
          {Object.entries(operation.requestBody.content).map(([mediaType, { schema }]) => (
            <SchemaBlock key={mediaType} summary={`${mediaType} schema`} schema={schema} />
          ))}
        </section>
      ) : null}
      <Answers title={title} operation={operation} />
    </div>
  );
}

function Parameters({ title, operation }: { title: string; operation: ApiOperation }) {
  return (
    // Named, so a reader (and a test) finds a route's parameters as a region, whether or not its table scrolls.
    <section className="space-y-2" aria-label={`${title} parameters`}>
      <h3 className="font-medium">Parameters</h3>
      <Table scrollLabel={`${title} parameters table`}>
        <THeadRow columns={["Name", "In", "Required", "Value"]} />
        <TBody>
          {operation.parameters.map((parameter) => (
            <Tr key={`${parameter.in}-${parameter.name}`}>
              <Td>
                <code>{parameter.name}</code>
              </Td>
              <Td>{parameter.in}</Td>
              <Td>{parameter.required ? "yes" : "no"}</Td>
              <Td>
                {describeSchema(parameter.schema)}
                {parameter.description ? <div className="text-zinc-600 dark:text-zinc-400">{parameter.description}</div> : null}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </section>
  );
}

function Answers({ title, operation }: { title: string; operation: ApiOperation }) {
  const answers = Object.entries(operation.responses);
  return (
    <section className="space-y-2" aria-label={`${title} answers`}>
      <h3 className="font-medium">Answers</h3>
      <Table scrollLabel={`${title} answers table`}>
        <THeadRow columns={["Status", "Meaning", "Body"]} />
        <TBody>
          {answers.map(([status, answer]) => (
            <Tr key={status}>
              <Td>
                <code>{status}</code>
              </Td>
              <Td>{answer.description}</Td>
              <Td>
                <AnswerBody content={answer.content} />
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {answers.flatMap(([status, answer]) =>
        Object.entries(answer.content ?? {})
          .filter(([, { schema }]) => !isErrorRef(schema))
          .map(([mediaType, { schema }]) => (
            <SchemaBlock key={`${status}-${mediaType}`} summary={`${status} ${mediaType} schema`} schema={schema} />
          )),
      )}
    </section>
  );
}

function AnswerBody({ content }: { content: ApiOperation["responses"][string]["content"] }) {
  if (!content) return <>none</>;
  return (
    <>
      {Object.entries(content).map(([mediaType, { schema }]) =>
        isErrorRef(schema) ? (
          <a key={mediaType} href={`#${ERRORS_ANCHOR}`} className="text-indigo-700 underline dark:text-indigo-300">
            the error shape
          </a>
        ) : (
          <code key={mediaType} className="block">
            {mediaType}
          </code>
        ),
      )}
    </>
  );
}

function isErrorRef(schema: JsonSchema): boolean {
  return typeof schema.$ref === "string";
}

export function SchemaBlock({ summary, schema, isOpen = false }: { summary: string; schema: JsonSchema; isOpen?: boolean }) {
  const [isShown, setShown] = useState(isOpen);
  return (
    <details
      open={isOpen}
      onToggle={(event) => setShown(event.currentTarget.open)}
      className="rounded-md border border-zinc-200 dark:border-zinc-800"
    >
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">{summary}</summary>
      {/* Wrapped, not scrolled: a sideways-scrolling block would need a focus stop of its own. */}
      {isShown ? (
        <pre className="border-t border-zinc-200 px-3 py-2 text-xs break-all whitespace-pre-wrap dark:border-zinc-800">
          {JSON.stringify(schema, null, 2)}
        </pre>
      ) : null}
    </details>
  );
}
