/**
 * A CSAF product tree flattened into the products an advisory names: each product of a
 * branch (vendor → product_family / product_name → product_version / product_version_range),
 * each full_product_name, and each relationship's product (the referenced product's
 * vendor, name and versions under the relationship's own id), with the identification
 * helper's CPE, purl and model numbers. Product groups are kept to expand group ids.
 */
import type { AdvisoryProduct } from './model';
import { arr, obj, optObj, optStr, refuse, str, strings, type Obj } from './csaf-fields';

/** What a product tree may hold. */
export interface TreeLimits {
  maxProducts: number;
  /** Branches nested in each other. */
  maxBranchDepth: number;
}

/** The products of a tree by id, and its groups (group id → product ids). */
export interface FlatTree {
  products: AdvisoryProduct[];
  byId: Map<string, AdvisoryProduct>;
  groups: Map<string, string[]>;
}

/** What the branches above a product say about it. */
interface Above {
  vendor: string;
  family: string | null;
  name: string | null;
  version: string | null;
  range: string | null;
}

/** Flattens `product_tree` (absent: no products); refused with the path of the first problem. */
export function flattenProductTree(tree: unknown, limits: TreeLimits): FlatTree {
  const out: FlatTree = { products: [], byId: new Map(), groups: new Map() };
  const root = optObj(tree, 'product_tree');
  if (!root) return out;

  const add = (product: AdvisoryProduct, path: string) => {
    if (out.byId.has(product.productId)) refuse(path, `product id ${product.productId} is given twice`);
    if (out.products.length >= limits.maxProducts)
      refuse('product_tree', `more than ${limits.maxProducts} products`);
    out.products.push(product);
    out.byId.set(product.productId, product);
  };

  const walk = (branches: unknown, path: string, above: Above, depth: number) => {
    const list = arr(branches, path);
    if (list.length && depth > limits.maxBranchDepth)
      refuse(path, `branches nest deeper than ${limits.maxBranchDepth} levels`);
    list.forEach((b, i) => {
      const at = `${path}[${i}]`;
      const branch = obj(b, at);
      const category = str(branch.category, `${at}.category`);
      const name = str(branch.name, `${at}.name`);
      const here: Above = { ...above };
      if (category === 'vendor') here.vendor = name;
      else if (category === 'product_family') here.family = name;
      else if (category === 'product_name') here.name = name;
      else if (category === 'product_version') here.version = name;
      else if (category === 'product_version_range') here.range = name;
      if (branch.product !== undefined) add(productOf(branch.product, `${at}.product`, here), at);
      walk(branch.branches, `${at}.branches`, here, depth + 1);
    });
  };
  const top: Above = { vendor: '', family: null, name: null, version: null, range: null };
  walk(root.branches, 'product_tree.branches', top, 1);

  arr(root.full_product_names, 'product_tree.full_product_names').forEach((p, i) => {
    const at = `product_tree.full_product_names[${i}]`;
    add(productOf(p, at, top), at);
  });

  arr(root.relationships, 'product_tree.relationships').forEach((r, i) => {
    const at = `product_tree.relationships[${i}]`;
    const rel = obj(r, at);
    const reference = str(rel.product_reference, `${at}.product_reference`);
    const referenced = out.byId.get(reference);
    const own = productOf(rel.full_product_name, `${at}.full_product_name`, top);
    add(
      referenced
        ? {
            ...referenced,
            productId: own.productId,
            fullName: own.fullName,
            cpe: own.cpe ?? referenced.cpe,
            purl: own.purl ?? referenced.purl,
          }
        : own,
      at,
    );
  });

  arr(root.product_groups, 'product_tree.product_groups').forEach((g, i) => {
    const at = `product_tree.product_groups[${i}]`;
    const group = obj(g, at);
    out.groups.set(str(group.group_id, `${at}.group_id`), strings(group.product_ids, `${at}.product_ids`));
  });
  return out;
}

/** One `full_product_name` object, named from the branches above it. */
function productOf(value: unknown, path: string, above: Above): AdvisoryProduct {
  const product = obj(value, path);
  const fullName = str(product.name, `${path}.name`);
  const helper = optObj(product.product_identification_helper, `${path}.product_identification_helper`);
  return {
    productId: str(product.product_id, `${path}.product_id`),
    vendor: above.vendor,
    name: above.name ?? above.family ?? fullName,
    fullName,
    version: above.version,
    range: above.range,
    cpe: helper ? optStr(helper.cpe, `${path}.product_identification_helper.cpe`) : null,
    purl: helper ? purlOf(helper, `${path}.product_identification_helper`) : null,
    modelNumbers: helper
      ? strings(helper.model_numbers, `${path}.product_identification_helper.model_numbers`)
      : [],
  };
}

/** CSAF 2.0 has one `purl`; 2.1 a list `purls`: the first. */
function purlOf(helper: Obj, path: string): string | null {
  const one = optStr(helper.purl, `${path}.purl`);
  if (one) return one;
  const many = arr(helper.purls, `${path}.purls`);
  return many.length && typeof many[0] === 'string' ? many[0] : null;
}

/** Product ids with group ids expanded, each once, in order. */
export function expandIds(productIds: string[], groupIds: string[], groups: Map<string, string[]>): string[] {
  const ids = new Set(productIds);
  for (const g of groupIds) for (const id of groups.get(g) ?? []) ids.add(id);
  return [...ids];
}
