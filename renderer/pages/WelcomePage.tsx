import { CompanyNameField } from '../components/CompanyNameField';
import './WelcomePage.css';

interface WelcomePageProps {
  busy: boolean;
  /** Loads the sample warehouse. */
  onExploreSample(): void;
  /** Brings in an existing vendor list (the vendor import). */
  onImportVendors(): void;
  /** Opens the self-assessment of our own warehouse. */
  onAssessOwn(): void;
  onAddVendor(): void;
}

/** First run (and the empty portfolio): the sample warehouse, one's own vendors, or one's own warehouse. */
export function WelcomePage({
  busy,
  onExploreSample,
  onImportVendors,
  onAssessOwn,
  onAddVendor,
}: WelcomePageProps) {
  return (
    <div className="welcome">
      <h1>Welcome to Vendor Risk Desk</h1>
      <p className="lead">
        Know which of the vendors your warehouse depends on — WMS and SaaS providers, 3PLs, robotics and IoT
        makers, cloud and ML platforms — put your data at risk, why, and what to do about it: explained
        scores, contract gaps, device findings and a board report. Nothing leaves this computer.
      </p>
      <div className="welcome-choices">
        <button type="button" className="choice choice-main" onClick={onExploreSample} disabled={busy}>
          <span className="choice-title">Explore a sample warehouse</span>
          <span className="choice-text">
            Two years of a warehouse’s vendor reviews: scores and trends, decisions, contracts, devices and a
            board report. Remove it in one click when you are done.
          </span>
        </button>
        <button type="button" className="choice" onClick={onImportVendors} disabled={busy}>
          <span className="choice-title">Import my vendor list</span>
          <span className="choice-text">
            Bring in the vendors you work with from a spreadsheet (CSV or Excel).
          </span>
        </button>
        <button type="button" className="choice" onClick={onAssessOwn} disabled={busy}>
          <span className="choice-title">Assess my own warehouse</span>
          <span className="choice-text">
            Answer the self-assessment and get a roadmap of what to improve first.
          </span>
        </button>
      </div>
      <p className="welcome-alt">
        <button type="button" className="link-button" onClick={onAddVendor} disabled={busy}>
          Add your first vendor
        </button>{' '}
        by hand instead.
      </p>
      <div className="welcome-company">
        <CompanyNameField id="welcome-company" />
      </div>
    </div>
  );
}
