/**
 * An error answer of the API (RFC 9457 problem details), or a failure to reach it (status 0). The
 * console shows `detail` (the server's message, in the request's language) and never a blank page.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  /** True when the server could not be reached at all. */
  get unreachable(): boolean {
    return this.status === 0;
  }
}

/** The problem in an error response; a body that is not problem+json still yields its status. */
export async function problemFrom(response: Response): Promise<ApiProblem> {
  const text = await response.text().catch(() => '');
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's HTML page): the status line is all there is.
  }
  const title =
    typeof body['title'] === 'string' ? body['title'] : response.statusText || `HTTP ${response.status}`;
  const detail = typeof body['detail'] === 'string' ? body['detail'] : title;
  const code = typeof body['code'] === 'string' ? body['code'] : `HTTP_${response.status}`;
  return new ApiProblem(response.status, code, title, detail);
}
