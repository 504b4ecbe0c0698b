import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { call, onMenuCommand, TEAM_CHANGED, type MenuCommand } from './api';
import type { Vendor, VendorInput } from '../electron/domain/vendor';
import type { Preferences } from '../electron/domain/preferences';
import type { AppErrorShape } from '../electron/domain/errors';
import type { DashboardFigure } from '../electron/domain/vendor-list';
import { useHashRoute, type Route } from './hooks/useHashRoute';
import { ToastProvider, useToast } from './components/Toasts';
import { Dialog, DialogNotices } from './components/Dialog';
import { ConfirmDialog } from './components/ConfirmDialog';
import { VendorForm } from './components/VendorForm';
import { JobProgress } from './components/ProgressBar';
import { SampleBanner, SAMPLE_CHANGED } from './components/SampleData';
import { ReportExportProvider, ReportExportStatus, useReportExport } from './components/ReportExport';
import { VendorsPage } from './pages/VendorsPage';
import { VendorImportWizard } from './components/VendorImportWizard';
import { WelcomePage } from './pages/WelcomePage';
import { SettingsPage } from './pages/SettingsPage';
import { AssessmentPage } from './pages/AssessmentPage';
import { SelfAssessmentPage } from './pages/SelfAssessmentPage';
import { QuestionnairesPage } from './pages/QuestionnairesPage';
import { ComparePage } from './pages/ComparePage';
import { DashboardPage } from './pages/DashboardPage';
import { VendorPage } from './pages/VendorPage';
import { LegalPage } from './pages/LegalPage';
import { DevicesPage } from './pages/DevicesPage';
import { AuditPage } from './pages/AuditPage';
import { AdvisoriesPage } from './pages/AdvisoriesPage';
import { AdvisoryPage } from './pages/AdvisoryPage';
import { UnlockScreen } from './components/EncryptionSettings';
import { useOperation } from './hooks/useOperation';
import { useJob } from './hooks/useJob';
import { useAttention, type Attention } from './hooks/useAttention';
import { staleSaveMessage, useRoleLimit, useTeamChanges } from './hooks/useTeam';
import { Icon, type IconName } from './components/icons';
import { OfflineBanner } from './components/OfflineBanner';
import { TeamAwayBanner } from './components/TeamAwayBanner';
import { TeamWaitingBanner } from './components/TeamWaitingBanner';
import { TeamStatusLine } from './components/TeamStatusLine';
import './App.css';

/** The sidebar: entries in groups, each with its icon and what its badge counts (if anything). */
const NAV: readonly {
  group: string;
  items: readonly { page: string; label: string; icon: IconName; count?: keyof Attention; what?: string }[];
}[] = [
  {
    group: 'Overview',
    items: [
      { page: 'dashboard', label: 'Dashboard', icon: 'dashboard' },
      {
        page: 'vendors',
        label: 'Vendors',
        icon: 'vendors',
        count: 'vendors',
        what: 'with a knockout, a condition past due or evidence expiring',
      },
      { page: 'compare', label: 'Compare', icon: 'compare' },
    ],
  },
  {
    group: 'Reviews',
    items: [
      { page: 'self', label: 'Self-assessment', icon: 'self' },
      { page: 'questionnaires', label: 'Questionnaires', icon: 'questionnaires' },
      {
        page: 'legal',
        label: 'Legal',
        icon: 'legal',
        count: 'legal',
        what: 'legal reviews reopened',
      },
    ],
  },
  {
    group: 'Operations',
    items: [
      {
        page: 'devices',
        label: 'Devices',
        icon: 'devices',
        count: 'devices',
        what: 'open device findings',
      },
      { page: 'advisories', label: 'Advisories', icon: 'advisories' },
    ],
  },
  {
    group: 'Records',
    items: [
      { page: 'audit', label: 'Audit trail', icon: 'audit' },
      { page: 'settings', label: 'Settings', icon: 'settings' },
    ],
  },
];

type Editing = { mode: 'new' } | { mode: 'edit'; vendor: Vendor } | null;

/** The app shell: navigation, dialogs, menu commands and shortcuts around the pages. */
export function App() {
  return (
    <ToastProvider>
      <ReportExportProvider>
        <DialogNotices.Provider value={<TeamWaitingBanner />}>
          <Unlocked>
            <Shell />
          </Unlocked>
        </DialogNotices.Provider>
      </ReportExportProvider>
    </ToastProvider>
  );
}

function Shell() {
  const toast = useToast();
  const [route, go] = useHashRoute();
  const [revision, setRevision] = useState(0);
  const [vendorCount, setVendorCount] = useState<number | null>(null);
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Vendor | null>(null);
  const [about, setAbout] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const demo = useJob();
  const { start: startDemo, isRunning: demoRunning } = demo;
  const { run: appInfo } = useOperation('app.info');
  const { run: getVendor } = useOperation('vendors.get');
  const remove = useOperation('vendors.remove');
  const searchRef = useRef<HTMLInputElement>(null);
  // The vendor the Vendor menu and File → Export act on: the one in the peek, or whose page is open.
  const selectedId =
    route.page === 'vendors' ? route.peekId : route.page === 'vendor' ? route.vendorId : null;
  const { exportReport } = useReportExport();

  const refresh = useCallback(() => setRevision((r) => r + 1), []);
  // A colleague's commit on a team database refreshes what is shown, as coming back to the window
  // does; the dashboard too (its figures are read again only then, not on every focus).
  const [teamRevision, setTeamRevision] = useState(0);
  useTeamChanges(
    useCallback(() => {
      refresh();
      setTeamRevision((r) => r + 1);
    }, [refresh]),
  );
  // Counts follow changes made here and elsewhere (the focus refresh), and each page visit.
  const attention = useAttention(`${revision}:${route.page}`);

  useEffect(() => {
    void appInfo({}).then((r) => r.ok && setVendorCount(r.value.vendorCount));
  }, [revision, appInfo]);

  useEffect(() => {
    // The CLI may have changed the data while the window was in the background; Settings may remove the sample.
    window.addEventListener('focus', refresh);
    window.addEventListener(SAMPLE_CHANGED, refresh);
    // Connecting to a team database (or back to this computer's data) changes everything shown.
    window.addEventListener(TEAM_CHANGED, refresh);
    return () => {
      window.removeEventListener('focus', refresh);
      window.removeEventListener(SAMPLE_CHANGED, refresh);
      window.removeEventListener(TEAM_CHANGED, refresh);
    };
  }, [refresh]);

  useEffect(() => {
    void call('preferences.get', {}).then((r) => r.ok && setPreferences(r.value));
  }, []);

  // A new page takes the keyboard where its content starts: after a sidebar link (or with
  // nothing focused), Tab goes into the page, not through the sidebar again. A page that
  // focuses something of its own (a question opened by address) keeps it.
  const mainRef = useRef<HTMLElement>(null);
  const pageKey = `${route.page}:${'vendorId' in route ? route.vendorId : ''}:${'id' in route ? route.id : ''}`;
  useEffect(() => {
    const main = mainRef.current;
    if (main && !main.contains(document.activeElement) && !document.querySelector('dialog[open]'))
      main.focus({ preventScroll: true });
  }, [pageKey]);

  useEffect(() => {
    document.documentElement.dataset.theme = preferences?.theme ?? 'system';
  }, [preferences?.theme]);

  const openVendor = useCallback(
    async (id: string, then: (v: Vendor) => void) => {
      const r = await getVendor({ id });
      if (r.ok) then(r.value);
    },
    [getVendor],
  );

  const loadDemo = useCallback(async () => {
    if (demoRunning()) return;
    const r = await startDemo(
      'demo.load',
      {},
      { label: 'Loading the sample warehouse', message: 'Starting…' },
    );
    if (!r?.ok) return;
    const c = r.value.counts;
    toast(
      'success',
      r.value.alreadyLoaded
        ? 'The sample warehouse is loaded already'
        : `Loaded the sample warehouse: ${c.vendors} vendors, ${c.assessments} assessments, ${c.devices} devices`,
    );
    window.dispatchEvent(new Event(SAMPLE_CHANGED));
    // The sample's first view is what needs someone today.
    go({ page: 'dashboard' });
    refresh();
  }, [demoRunning, startDemo, toast, go, refresh]);

  /** File → Export PDF Report: the report of what is on screen — the vendor, the self-assessment, else the board report. */
  const exportFromRoute = useCallback(async () => {
    const vendorId = selectedId;
    if (vendorId) return exportReport({ kind: 'vendor', vendorId }, 'Exporting the vendor report');
    let assessmentId: string | null = null;
    if (route.page === 'assessment') {
      const a = await call('assessments.get', { id: route.id });
      if (a.ok && a.value.assessment.vendorId)
        return exportReport(
          { kind: 'vendor', vendorId: a.value.assessment.vendorId },
          'Exporting the vendor report',
        );
      if (a.ok) assessmentId = a.value.assessment.id;
    } else if (route.page === 'self') {
      const list = await call('assessments.list', { vendorId: null });
      assessmentId = list.ok ? (list.value[0]?.id ?? null) : null;
    }
    if (assessmentId)
      return exportReport({ kind: 'self', assessmentId }, 'Exporting the self-assessment report');
    return exportReport({ kind: 'board' }, 'Exporting the board pack');
  }, [route, selectedId, exportReport]);

  // A role that may not change vendors is told why instead of getting a form the database refuses.
  const vendorLimit = useRoleLimit('vendors');
  const command = useCallback(
    (c: MenuCommand) => {
      if (vendorLimit && (c === 'vendor.new' || c === 'vendor.edit' || c === 'vendor.delete'))
        return toast('info', vendorLimit);
      switch (c) {
        case 'vendor.new':
          setEditing({ mode: 'new' });
          break;
        case 'vendor.edit':
          if (selectedId) void openVendor(selectedId, (vendor) => setEditing({ mode: 'edit', vendor }));
          break;
        case 'vendor.delete':
          if (selectedId) void openVendor(selectedId, setDeleting);
          break;
        case 'view.vendors':
          go({ page: 'vendors', peekId: selectedId });
          break;
        case 'view.settings':
          go({ page: 'settings' });
          break;
        case 'find':
          go({ page: 'vendors', peekId: selectedId });
          focusWhenShown(searchRef);
          break;
        case 'demo.load':
          void loadDemo();
          break;
        case 'report.export':
          void exportFromRoute();
          break;
        case 'help.about':
          void call('app.info', {}).then(
            (r) => r.ok && setAbout(`Version ${r.value.version}. Your data is kept in ${r.value.dataDir}.`),
          );
          break;
      }
    },
    [selectedId, openVendor, go, loadDemo, exportFromRoute, vendorLimit, toast],
  );

  // A menu command never replaces an open dialog (unsaved edits would be lost).
  useEffect(() => onMenuCommand((c) => !document.querySelector('dialog[open]') && command(c)), [command]);

  useEffect(() => {
    // The same shortcuts as the native menu; handlers are idempotent, so a key that
    // reaches both the menu and the page does no harm.
    const keys: Record<string, MenuCommand> = {
      n: 'vendor.new',
      f: 'find',
      ',': 'view.settings',
      '1': 'view.vendors',
    };
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const c = keys[e.key.toLowerCase()];
      if (c && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        command(c);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [command]);

  const save = async (input: VendorInput): Promise<AppErrorShape | null> => {
    const r =
      editing?.mode === 'edit'
        ? await call('vendors.update', {
            id: editing.vendor.id,
            patch: input,
            version: editing.vendor.version,
          })
        : await call('vendors.create', input);
    if (!r.ok) {
      const stale = staleSaveMessage(r.error, 'this vendor');
      return stale ? { ...r.error, message: stale } : r.error;
    }
    setEditing(null);
    toast('success', editing?.mode === 'edit' ? `Saved ${r.value.name}` : `Added ${r.value.name}`);
    // A new vendor opens on its page; an edited one stays where it was edited (peek or page).
    if (editing?.mode !== 'edit') go({ page: 'vendor', vendorId: r.value.id, tab: 'overview' });
    refresh();
    return null;
  };

  const confirmDelete = async () => {
    if (!deleting || remove.busy) return;
    const r = await remove.run({ id: deleting.id });
    if (r.ok) {
      toast('success', `Deleted ${deleting.name}`);
      go({ page: 'vendors', peekId: null });
      refresh();
    }
    setDeleting(null);
  };

  const peek = useCallback(
    (peekId: string | null, figure: DashboardFigure | undefined) =>
      go({ page: 'vendors', peekId, ...(figure ? { figure } : {}) }),
    [go],
  );

  // An empty portfolio opens on its first steps, from the vendor list or the dashboard (a page
  // of zeros would be a dead end).
  const showWelcome = (route.page === 'vendors' || route.page === 'dashboard') && vendorCount === 0;

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Vendor Risk Desk</div>
        {NAV.map(({ group, items }) => (
          <div key={group} className="nav-group" role="group" aria-labelledby={`nav-${group}`}>
            <div className="nav-group-label" id={`nav-${group}`}>
              {group}
            </div>
            {items.map(({ page, label, icon, count, what }) => {
              const n = count && attention ? attention[count] : 0;
              const active = navPage(route) === page;
              return (
                <a
                  key={page}
                  href={`#/${page}`}
                  className={active ? 'nav-item active' : 'nav-item'}
                  aria-current={active ? 'page' : undefined}
                >
                  <Icon name={icon} />
                  <span className="nav-label">{label}</span>
                  {n > 0 && (
                    <span className="nav-badge" title={`${n} ${what}`} data-testid={`nav-badge-${page}`}>
                      {n}
                      <span className="visually-hidden"> {what}</span>
                    </span>
                  )}
                </a>
              );
            })}
          </div>
        ))}
        <TeamStatusLine />
      </nav>
      <main className="main" ref={mainRef} tabIndex={-1}>
        <OfflineBanner onBack={refresh} />
        <TeamWaitingBanner />
        <TeamAwayBanner />
        <JobProgress job={demo} banner />
        <SampleBanner revision={revision} onRemoved={() => go({ page: 'vendors', peekId: null })} />
        <ReportExportStatus />
        {vendorCount === null ? null : route.page === 'assessment' ? (
          <AssessmentPage
            key={route.id}
            id={route.id}
            question={route.question}
            onBack={(vendorId) =>
              go(vendorId ? { page: 'vendor', vendorId, tab: 'assessments' } : { page: 'self' })
            }
            onOpenScore={(vendorId) =>
              go(vendorId ? { page: 'vendor', vendorId, tab: 'overview' } : { page: 'self' })
            }
          />
        ) : route.page === 'dashboard' && !showWelcome ? (
          <DashboardPage
            revision={teamRevision}
            onOpenVendor={(id, tab = 'overview') => go({ page: 'vendor', vendorId: id, tab })}
            onShowList={(figure) => go({ page: 'vendors', peekId: null, figure })}
            onOpenQuestion={(id, question) => go({ page: 'assessment', id, question })}
            onOpenContract={(vendorId) => go({ page: 'vendor', vendorId, tab: 'contract' })}
            onOpenLegal={() => go({ page: 'legal' })}
            onOpenAdvisories={() => go({ page: 'advisories', id: null })}
          />
        ) : route.page === 'vendor' ? (
          <VendorPage
            key={route.vendorId}
            vendorId={route.vendorId}
            tab={route.tab}
            revision={revision}
            onTab={(tab) => go({ page: 'vendor', vendorId: route.vendorId, tab })}
            onBack={() => go({ page: 'vendors', peekId: route.vendorId })}
            onEdit={(id) => void openVendor(id, (vendor) => setEditing({ mode: 'edit', vendor }))}
            onDelete={(id) => void openVendor(id, setDeleting)}
            onOpenAssessment={(id) => go({ page: 'assessment', id })}
            onOpenAdvisory={(id) => go({ page: 'advisories', id })}
          />
        ) : route.page === 'devices' ? (
          <DevicesPage />
        ) : route.page === 'advisories' ? (
          route.id ? (
            <AdvisoryPage
              key={route.id}
              trackingId={route.id}
              onBack={() => go({ page: 'advisories', id: null })}
              onVendor={(vendorId) => go({ page: 'vendor', vendorId, tab: 'devices' })}
            />
          ) : (
            <AdvisoriesPage revision={revision} onOpen={(id) => go({ page: 'advisories', id })} />
          )
        ) : route.page === 'audit' ? (
          <AuditPage />
        ) : route.page === 'legal' ? (
          <LegalPage onOpenContract={(vendorId) => go({ page: 'vendor', vendorId, tab: 'contract' })} />
        ) : route.page === 'compare' ? (
          <ComparePage />
        ) : route.page === 'questionnaires' ? (
          <QuestionnairesPage />
        ) : route.page === 'self' ? (
          <SelfAssessmentPage onOpen={(id) => go({ page: 'assessment', id })} />
        ) : route.page === 'settings' ? (
          preferences && <SettingsPage preferences={preferences} onChange={setPreferences} />
        ) : showWelcome ? (
          <WelcomePage
            busy={demo.running !== null}
            onExploreSample={() => void loadDemo()}
            onImportVendors={() => setImporting(true)}
            onAssessOwn={() => go({ page: 'self' })}
            onAddVendor={() => setEditing({ mode: 'new' })}
          />
        ) : (
          <VendorsPage
            revision={revision}
            figure={route.page === 'vendors' ? route.figure : undefined}
            peekId={selectedId}
            searchRef={searchRef}
            onPeek={peek}
            onOpen={(id) => go({ page: 'vendor', vendorId: id, tab: 'overview' })}
            onNew={() => setEditing({ mode: 'new' })}
            onImport={() => setImporting(true)}
            onEdit={(id) => void openVendor(id, (vendor) => setEditing({ mode: 'edit', vendor }))}
          />
        )}
      </main>
      <Dialog
        title={editing?.mode === 'edit' ? `Edit ${editing.vendor.name}` : 'New vendor'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        wide
      >
        {editing && (
          <VendorForm
            key={editing.mode === 'edit' ? `${editing.vendor.id}:${editing.vendor.version ?? ''}` : 'new'}
            vendor={editing.mode === 'edit' ? editing.vendor : undefined}
            onSubmit={save}
            onReload={
              editing.mode === 'edit'
                ? () => void openVendor(editing.vendor.id, (vendor) => setEditing({ mode: 'edit', vendor }))
                : undefined
            }
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
      <VendorImportWizard
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => {
          if (route.page !== 'vendors') go({ page: 'vendors', peekId: null });
          refresh();
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete vendor?"
        message={
          deleting
            ? `Delete ${deleting.name}? Its profile is removed; the audit trail keeps a record of it.`
            : ''
        }
        confirmLabel="Delete vendor"
        danger
        busy={remove.busy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      />
      <Dialog title="About Vendor Risk Desk" open={about !== null} onClose={() => setAbout(null)}>
        <p>{about}</p>
        <p>Offline security reviews for warehouse and logistics vendors. Nothing leaves this computer.</p>
      </Dialog>
    </div>
  );
}

/** Shows the app once its data is readable: encrypted data that is locked asks for the passphrase first. */
function Unlocked({ children }: { children: ReactNode }) {
  const [locked, setLocked] = useState<boolean | null>(null);
  useEffect(() => {
    void call('encryption.status', {}).then((r) => setLocked(r.ok && r.value.enabled && !r.value.unlocked));
  }, []);
  if (locked === null) return null;
  return locked ? <UnlockScreen onUnlocked={() => setLocked(false)} /> : <>{children}</>;
}

/**
 * Focuses an element as soon as it is on screen: right after start (or a page change) the
 * vendor list may still be loading when Ctrl+F is pressed. Gives up after about a second.
 */
function focusWhenShown(ref: { current: HTMLElement | null }, frames = 60): void {
  requestAnimationFrame(() => {
    if (ref.current) ref.current.focus();
    else if (frames > 0) focusWhenShown(ref, frames - 1);
  });
}

/** The menu entry a page belongs to (a vendor's page is under Vendors). */
function navPage(route: Route): string {
  return route.page === 'vendor' ? 'vendors' : route.page;
}
