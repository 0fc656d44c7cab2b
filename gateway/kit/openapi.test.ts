import { Validator } from '@seriousme/openapi-schema-validator';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeRoute, openApiDocument, undocumentedRoutes } from './openapi.ts';

const filter = z.object({ q: z.string().max(100).optional(), page: z.coerce.number().int().min(1).default(1) });
const saveRequest = z.object({ title: z.string().min(1).max(100), amountFen: z.number().int().nonnegative() });
const saved = z.object({ id: z.string(), version: z.number().int() });

function sampleApp() {
  const app = new Hono();
  app.use('*', (_c, next) => next());
  app.get('/healthz', (c) => c.text('ok'));
  app.get('/internal/body-limits', (c) => c.json({}));
  app.get('/plans', describeRoute({ summary: 'List plans', query: filter }), (c) => c.json([]));
  app.put('/plans/:id', describeRoute({ summary: 'Save a plan', body: saveRequest, response: saved, roles: ['employer_handler'] }), (c) =>
    c.json({ id: c.req.param('id'), version: 2 }),
  );
  app.post('/plans/:id/files/:slot', describeRoute({ summary: 'Upload', upload: true }), (c) => c.json({}));
  app.get('/plans/:id/export', describeRoute({ summary: 'Export', produces: 'file' }), (c) => c.body('x'));
  return app;
}

describe('the OpenAPI document of a module', () => {
  it('names every public route without describeRoute, and only those', () => {
    const app = sampleApp();
    expect(undocumentedRoutes(app)).toEqual([]);
    app.post('/plans/:id/submit', (c) => c.json({}));
    app.delete('/plans/:id', (c) => c.json({}));
    expect(undocumentedRoutes(app)).toEqual(['POST /plans/:id/submit', 'DELETE /plans/:id']);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const document = openApiDocument('projects', sampleApp());
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: '/api/projects' }]);
  });

  it('takes path parameters from the route, the query and body from the zod schemas the route parses with', () => {
    const { paths } = openApiDocument('projects', sampleApp());
    expect(Object.keys(paths).sort()).toEqual(['/plans', '/plans/{id}', '/plans/{id}/export', '/plans/{id}/files/{slot}']);

    const list = paths['/plans']!.get as any;
    expect(list.parameters).toEqual([
      { name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 100 } },
      expect.objectContaining({ name: 'page', in: 'query', required: false }),
    ]);

    const save = paths['/plans/{id}']!.put as any;
    expect(save.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(save['x-roles']).toEqual(['employer_handler']);
    const body = save.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['title', 'amountFen']);
    expect(body.properties.title).toEqual({ type: 'string', minLength: 1, maxLength: 100 });
    expect(save.responses[200].content['application/json'].schema.required).toEqual(['id', 'version']);
    expect(save.responses[409].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiError' });

    const upload = paths['/plans/{id}/files/{slot}']!.post as any;
    expect(upload.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'slot']);
    expect(Object.keys(upload.requestBody.content)).toContain('multipart/form-data');
    expect(Object.keys((paths['/plans/{id}/export']!.get as any).responses[200].content)).toEqual(['application/octet-stream']);
  });

  it('leaves the gateway-only and probe routes out', () => {
    const { paths } = openApiDocument('projects', sampleApp());
    expect(Object.keys(paths).filter((p) => p.startsWith('/internal') || p === '/healthz')).toEqual([]);
  });

  it('documents a schema with a transform by what the caller sends', () => {
    const app = new Hono();
    const trimmed = z.object({ name: z.string().trim().transform((s) => s.toUpperCase()) });
    app.post('/names', describeRoute({ summary: 'Name', body: trimmed }), (c) => c.json({}));
    const schema = (openApiDocument('x', app).paths['/names']!.post as any).requestBody.content['application/json'].schema;
    expect(schema.properties.name).toBeDefined();
  });
});
