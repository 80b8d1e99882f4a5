export function ResultsPlace(_props: { active: boolean; studyId: number | null; onSelectStudy: (id: number) => void }) {
  return <div className="place" data-testid="place-results" />;
}
