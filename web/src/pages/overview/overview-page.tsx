import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/states.js';
import { useSession } from '../../session/session.js';
import { AlertsBySeverity } from './alerts-by-severity.js';
import { DecisionVolumePanel } from './decision-volume-panel.js';
import { KriTiles } from './kri-tiles.js';
import { PendingApprovals } from './pending-approvals.js';
import { RiskHeatmap } from './risk-heatmap.js';

/**
 * The overview: what needs attention now. Each panel appears only for people allowed to read its
 * data, so an auditor and a risk officer see different overviews from the same page.
 */
export default function OverviewPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const kri = can('kri:read');
  const panels = [kri, can('alert:read'), can('decision:read'), can('change:read')];
  if (!panels.some(Boolean)) {
    return <EmptyState title={t('overview.nothing.title')} hint={t('overview.nothing.hint')} />;
  }
  return (
    <div className="overview">
      {kri && <KriTiles />}
      <div className="overview-grid">
        {can('alert:read') && <AlertsBySeverity />}
        {kri && <RiskHeatmap />}
        {can('decision:read') && <DecisionVolumePanel />}
        {can('change:read') && <PendingApprovals />}
      </div>
    </div>
  );
}
