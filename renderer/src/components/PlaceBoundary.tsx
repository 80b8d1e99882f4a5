import { Component, type ErrorInfo, type ReactNode } from "react";
import { useI18n, type Translate } from "../i18n/I18n";

type Props = { place: string; t: Translate; resetKey?: unknown; children: ReactNode };
type State = { error: Error | null; resetKey?: unknown };

/** Catches a rendering error inside one place: the place shows it with a way back, the rest of the window keeps working. */
class Boundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  /** Another study (or whatever the place shows) is a fresh start. */
  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn(`the ${this.props.place} place failed to render`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { t, place } = this.props;
    return (
      <div className="place" data-testid={`place-crashed-${place}`}>
        <div className="card">
          <div className="error-note" role="alert">
            <strong>{t("place.crashed")}.</strong> <span className="error-message">{error.message}</span>
          </div>
          <p className="hint">{t("place.crashedHint")}</p>
          <button onClick={() => this.setState({ error: null })}>{t("place.retry")}</button>
        </div>
      </div>
    );
  }
}

export function PlaceBoundary({ place, resetKey, children }: { place: string; resetKey?: unknown; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Boundary place={place} t={t} resetKey={resetKey}>
      {children}
    </Boundary>
  );
}
