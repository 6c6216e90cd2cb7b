import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/states.js';
import { navigate } from '../../router.js';
import { useSession } from '../../session/session.js';
import { PlanEditor } from './plan-editor.js';
import { blankPlanForm, createBody } from './plan-form.js';
import type { PlanDetail } from './types.js';

/**
 * Writes a new emergency plan (its version 1) for people who work incidents; once the server has
 * it, the plan's own page is shown.
 */
export default function PlanNewPage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const [initial] = useState(blankPlanForm);
  return (
    <Panel title={t('response.planForm.newTitle')} className="plan-editor-panel">
      <p className="muted small">{t('response.planForm.newHint')}</p>
      <PlanEditor
        mode="create"
        initial={initial}
        onSubmit={async (form) => {
          const plan = await api.post<PlanDetail>('/plans', createBody(form));
          navigate(`/plans/${encodeURIComponent(plan.id)}`);
        }}
        onCancel={() => navigate('/plans')}
      />
    </Panel>
  );
}
