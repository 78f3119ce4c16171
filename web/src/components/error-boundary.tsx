/**
 * Catches an error while drawing a page, so that one broken view shows a message instead
 * of emptying the whole window; the next navigation starts afresh.
 */
import { Component, type ReactNode } from "react";
import { ErrorMessage } from "./status.tsx";

interface Props {
  /** Changing it (the page's address) clears a caught error. */
  resetKey: string;
  children: ReactNode;
}

export class PageErrorBoundary extends Component<Props, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override render() {
    return this.state.error ? <ErrorMessage error={this.state.error} /> : this.props.children;
  }
}
