import { Component, type ReactNode } from 'react';

/**
 * Catches a page that fails while rendering and shows `fallback` with the error's message instead
 * of a blank screen; the rest of the console (navigation, sign-out) keeps working.
 */
export class ErrorBoundary extends Component<
  { fallback: (error: Error) => ReactNode; children: ReactNode; resetKey: string },
  { error: Error | undefined; key: string }
> {
  override state: { error: Error | undefined; key: string } = { error: undefined, key: '' };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { key: string }) {
    // Navigating to another page clears the error of the previous one.
    return props.resetKey === state.key ? null : { error: undefined, key: props.resetKey };
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
