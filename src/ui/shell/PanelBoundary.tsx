// An error boundary per panel: a panel that throws shows its error in place; the others and the
// loaded data stay usable.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`weft: the ${this.props.name} panel failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-error" role="alert" data-testid={`panel-error-${this.props.name}`}>
        <b>The {this.props.name} panel failed:</b> {error.message}
        <div>
          <button type="button" onClick={() => this.setState({ error: null })}>
            Retry
          </button>
        </div>
        <pre>{error.stack}</pre>
      </div>
    );
  }
}
