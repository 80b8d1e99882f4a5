export function StudiesPlace(_props: { active: boolean; onOpenResults: (id: number) => void }) {
  return <div className="place" data-testid="place-studies" />;
}
