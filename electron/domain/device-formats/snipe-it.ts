/**
 * Snipe-IT asset exports and import files. Its asset tag is the device's identity (unique
 * in Snipe-IT); the asset's name is its name; its category says what it is (our type
 * label); "Model No." stays an attribute beside the model. Statuses ("Ready to Deploy",
 * "Deployed", "Archived", "Lost/Stolen", "Pending Diagnostics"…) are placed by their words.
 */
import type { DeviceFormat } from './format';

/** The asset list's export, and sample files in its column names (Asset Tag, Name, Category, Model…). */
export const SNIPE_IT: DeviceFormat = {
  id: 'snipe-it',
  name: 'Snipe-IT asset export',
  recognise: (keys) =>
    keys.has('assettag') &&
    keys.has('category') &&
    (keys.has('model') || keys.has('modelno') || keys.has('modelnumber')) &&
    !keys.has('itemname'),
  columns: {
    assettag: 'assetTag',
    name: 'name',
    assetname: 'name',
    serial: 'serial',
    serialnumber: 'serial',
    category: 'type',
    model: 'model',
    modelno: null,
    modelnumber: null,
    manufacturer: 'manufacturer',
    status: 'status',
    location: 'location',
    defaultlocation: 'location',
    checkedoutto: 'owner',
    checkedouttousername: 'owner',
    company: null,
    supplier: null,
    // Snipe-IT's own row number, not the device's identity.
    id: null,
  },
};

/**
 * Snipe-IT's asset import CSV: here `Name`, `Email` and `Username` are the person the asset
 * is checked out to, and the asset's own name and category are `item Name` and `item Category`.
 */
export const SNIPE_IT_IMPORT: DeviceFormat = {
  id: 'snipe-it-import',
  name: 'Snipe-IT asset import file',
  recognise: (keys) => keys.has('assettag') && (keys.has('itemname') || keys.has('itemcategory')),
  columns: {
    assettag: 'assetTag',
    itemname: 'name',
    itemcategory: 'type',
    serialnumber: 'serial',
    serial: 'serial',
    modelname: 'model',
    modelnumber: null,
    manufacturer: 'manufacturer',
    status: 'status',
    location: 'location',
    name: 'owner',
    username: null,
    email: null,
    company: null,
    supplier: null,
  },
};
