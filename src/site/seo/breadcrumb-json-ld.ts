/** One step of a breadcrumb trail: its visible name and its path on the site. */
export interface Crumb {
  name: string;
  path: string;
}

/** schema.org BreadcrumbList (Accueil › Section › Article) with absolute URLs; crumbs include the home page. */
export function breadcrumbJsonLd(publicUrl: string, crumbs: readonly Crumb[]): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: publicUrl + crumb.path,
    })),
  };
}
