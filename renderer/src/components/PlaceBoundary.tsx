import { Component, Fragment, type ErrorInfo, type ReactNode } from "react";
import { useI18n, type Translate } from "../i18n/I18n";

/** What a crashed place offers besides "Try again", given the way to start the place afresh. */
export type Recovery = (restart: () => void) => ReactNode;

type Props = { place: string; t: Translate; resetKey?: unknown; recovery?: Recovery; onRestart?: () => void; children: ReactNode };
type State = { error: Error | null; resetKey?: unknown; generation: number };

/** Catches a rendering error inside one place: the place shows it with a way back, the rest of the window keeps working. */
class Boundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey, generation: 0 };

  /** Another study (or whatever the place shows) is a fresh start. */
  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn(`the ${this.props.place} place failed to render`, error, info.componentStack);
  }

  /** "Try again" renders the same state once more; a place that keeps failing on it needs its state dropped: a fresh mount. */
  private readonly restart = (): void => {
    this.props.onRestart?.();
    this.setState((s) => ({ error: null, generation: s.generation + 1 }));
  };

  override render(): ReactNode {
    const { error, generation } = this.state;
    if (!error) return <Fragment key={generation}>{this.props.children}</Fragment>;
    const { t, place, recovery } = this.props;
    return (
      <div className="place" data-testid={`place-crashed-${place}`}>
        <div className="card">
          <div className="error-note" role="alert">
            <strong>{t("place.crashed")}.</strong> <span className="error-message">{error.message}</span>
          </div>
          <p className="hint">{t("place.crashedHint")}</p>
          <div className="toolbar">
            <button onClick={() => this.setState({ error: null })}>{t("place.retry")}</button>
            <button onClick={this.restart} data-testid="place-restart">
              {t("place.restart")}
            </button>
          </div>
          {recovery?.(this.restart)}
        </div>
      </div>
    );
  }
}

/**
 * One place's error boundary. `recovery` adds a way out that stays in the place (Results: the list
 * of studies); "Start this place afresh" drops the place's state (a fresh mount, and `onRestart`
 * for what the window holds for it).
 */
export function PlaceBoundary({
  place,
  resetKey,
  recovery,
  onRestart,
  children,
}: {
  place: string;
  resetKey?: unknown;
  recovery?: Recovery;
  onRestart?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Boundary place={place} t={t} resetKey={resetKey} {...(recovery ? { recovery } : {})} {...(onRestart ? { onRestart } : {})}>
      {children}
    </Boundary>
  );
}
