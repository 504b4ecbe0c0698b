import { DEMO_VENDORS } from '../../electron/domain/demo-portfolio';
import './WelcomePage.css';

interface WelcomePageProps {
  busy: boolean;
  onLoadDemo(): void;
  onAddVendor(): void;
}

/** First run (and the empty portfolio): a demo portfolio or a first vendor. */
export function WelcomePage({ busy, onLoadDemo, onAddVendor }: WelcomePageProps) {
  return (
    <div className="welcome">
      <h1>Welcome to Vendor Risk Desk</h1>
      <p className="lead">
        Review the security of the vendors your warehouse depends on — WMS and SaaS providers, 3PLs, robotics
        and IoT hardware makers, cloud and ML platforms — without any of your data leaving this computer.
      </p>
      <div className="welcome-choices">
        <button type="button" className="choice" onClick={onLoadDemo} disabled={busy}>
          <span className="choice-title">Load the demo portfolio</span>
          <span className="choice-text">
            {DEMO_VENDORS.length} realistic warehouse vendors to explore. You can delete them later.
          </span>
        </button>
        <button type="button" className="choice" onClick={onAddVendor} disabled={busy}>
          <span className="choice-title">Add your first vendor</span>
          <span className="choice-text">
            Start with an empty portfolio and add the vendors you work with.
          </span>
        </button>
      </div>
    </div>
  );
}
