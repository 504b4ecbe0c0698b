import { useEffect, useState } from 'react';
import { call } from '../api';
import type { AssessmentSummary } from '../../electron/domain/assessment';
import { AssessmentList } from '../components/AssessmentList';
import { StartAssessmentDialog } from '../components/StartAssessmentDialog';
import { SelfAssessmentResult } from '../components/SelfAssessmentResult';
import './SelfAssessmentPage.css';

/** The business's own self-assessments. */
export function SelfAssessmentPage({ onOpen }: { onOpen(id: string): void }) {
  const [list, setList] = useState<AssessmentSummary[] | null>(null);
  const [starting, setStarting] = useState(false);
  useEffect(() => {
    void call('assessments.list', { vendorId: null }).then((r) => r.ok && setList(r.value));
  }, []);
  return (
    <div className="self-page">
      <h1>Self-assessment</h1>
      <p className="lead">
        Assess your own warehouse against the guide: data inventory, edge devices, models, access, encryption,
        third parties, operations and governance.
      </p>
      <button type="button" className="button button-primary" onClick={() => setStarting(true)}>
        Start a self-assessment
      </button>
      <h3>Your self-assessments</h3>
      {list && <AssessmentList assessments={list} onOpen={onOpen} />}
      {list && list[0] && <SelfAssessmentResult assessmentId={list[0].id} />}
      <StartAssessmentDialog
        vendor={null}
        open={starting}
        onClose={() => setStarting(false)}
        onStarted={onOpen}
      />
    </div>
  );
}
