/* Turning a finished JsonBuilder into the text careroute writes. */
#include "json_write.h"

char *cr_json_builder_finish(JsonBuilder *b)
{
    JsonGenerator *gen = json_generator_new();
    JsonNode *root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    /* One space of indent: readable, and a week's plan stays small. */
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 1);
    char *text = json_generator_to_data(gen, NULL);
    char *out = g_strconcat(text, "\n", NULL);
    g_free(text);
    json_node_unref(root);
    g_object_unref(gen);
    g_object_unref(b);
    return out;
}
