import { useEffect, useState } from 'react';
import { call } from '../api';
import type { AssessmentSummary } from '../../electron/domain/assessment';
import { AssessmentList } from '../components/AssessmentList';
import { StartAssessmentDialog } from '../components/StartAssessmentDialog';
import { SelfAssessmentResult } from '../components/SelfAssessmentResult';
import { PageHeader } from '../components/PageHeader';
import { roleLimited, useRoleLimit } from '../hooks/useTeam';
import './SelfAssessmentPage.css';

/** The business's own self-assessments. */
export function SelfAssessmentPage({ onOpen }: { onOpen(id: string): void }) {
  const [list, setList] = useState<AssessmentSummary[] | null>(null);
  const [starting, setStarting] = useState(false);
  const startLimit = useRoleLimit('assessments');
  useEffect(() => {
    void call('assessments.list', { vendorId: null }).then((r) => r.ok && setList(r.value));
  }, []);
  const start = (
    <button
      type="button"
      className="button button-primary"
      {...roleLimited(startLimit)}
      onClick={() => setStarting(true)}
    >
      Start a self-assessment
    </button>
  );
  return (
    <div className="self-page">
      <PageHeader
        title="Self-assessment"
        count={list ? `${list.length} assessment${list.length === 1 ? '' : 's'}` : undefined}
        description="Assess your own warehouse against the guide: data inventory, edge devices, models, access, encryption, third parties, operations and governance."
        actions={list && list.length > 0 ? start : undefined}
      />
      {list && list.length === 0 && (
        <div className="empty">
          <p className="empty-title">No self-assessment yet</p>
          <p>
            Next: start one. You get a maturity score per area and a roadmap of missing controls, quick wins
            first.
          </p>
          {start}
        </div>
      )}
      {list && list.length > 0 && (
        <>
          <h2>Your self-assessments</h2>
          <AssessmentList assessments={list} onOpen={onOpen} />
        </>
      )}
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
