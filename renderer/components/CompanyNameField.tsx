import { useEffect, useRef, useState } from 'react';
import { useOperation } from '../hooks/useOperation';
import { useToast } from './Toasts';
import './CompanyNameField.css';

/** The company name the reports carry: read from the data folder, saved with its own button. */
export function CompanyNameField({ id = 'company-name' }: { id?: string }) {
  const toast = useToast();
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const typed = useRef(false);
  const { run: get } = useOperation('settings.getCompany');
  const set = useOperation('settings.setCompany', { toast: false });

  useEffect(() => {
    let current = true;
    void get({}).then((r) => {
      if (!current || !r.ok) return;
      // What was typed while the saved name was on its way is kept, not replaced.
      if (!typed.current) setName(r.value.company);
      setSaved(r.value.company);
    });
    return () => {
      current = false;
    };
  }, [get]);

  const save = async () => {
    const r = await set.run({ company: name });
    if (!r.ok) return;
    setSaved(r.value.company);
    setName(r.value.company);
    toast('success', r.value.company ? `Reports will carry ${r.value.company}` : 'Company name cleared');
  };

  return (
    <form
      className="company-name field"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={id}>Company name (printed on the board and vendor reports)</label>
      <div className="company-name-row">
        <input
          id={id}
          value={name}
          maxLength={200}
          onChange={(e) => {
            typed.current = true;
            setName(e.target.value);
          }}
          placeholder="e.g. Nordhafen Logistics GmbH"
        />
        <button
          type="submit"
          className="button"
          disabled={set.busy || saved === null || name.trim() === saved}
        >
          Save
        </button>
      </div>
      {set.error && (
        <p className="company-name-error" role="alert">
          {set.error.message}
        </p>
      )}
    </form>
  );
}
